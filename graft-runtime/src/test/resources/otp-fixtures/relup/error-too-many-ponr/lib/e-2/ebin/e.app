{application,e,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['e.M','e.N']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
