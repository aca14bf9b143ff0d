{application,v,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['v.M']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
