{application,e,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['e.M']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
