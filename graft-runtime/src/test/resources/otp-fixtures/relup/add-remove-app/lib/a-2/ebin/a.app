{application,a,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['a.A']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
